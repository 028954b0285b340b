using Dibao.Verification.Host.Messaging;

namespace Dibao.Verification.Host.Recomparison;

/// <summary>Tells this instance's <see cref="RecomparisonWorker"/> there is work now, rather than at its next look.</summary>
public sealed class RecomparisonWake : WakeSignal;
