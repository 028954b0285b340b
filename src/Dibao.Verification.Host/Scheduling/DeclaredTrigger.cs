using Quartz;

namespace Dibao.Verification.Host.Scheduling;

/// <summary>A trigger as this instance's configuration declares it, for <see cref="StoredTriggers"/> to keep the store in line with.</summary>
public sealed record DeclaredTrigger(ITrigger Trigger);
