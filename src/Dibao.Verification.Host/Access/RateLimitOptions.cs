namespace Dibao.Verification.Host.Access;

/// <summary>The <c>RateLimiting</c> section: how many requests each user (or, before signing in, each address) may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
