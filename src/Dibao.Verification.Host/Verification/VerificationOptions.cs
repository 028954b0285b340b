namespace Dibao.Verification.Host.Verification;

public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>The agencies every member is checked with, by code. Each needs its adapter registered.</summary>
    public List<string> Agencies { get; set; } = [];

    /// <summary>Persons per question on the bus; adapters split further to their agency's bulk limit.</summary>
    public int PersonsPerQuery { get; set; } = 500;

    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries at evaluating one household, alone after the first, before it is parked with outcome <c>error</c>.</summary>
    public int EvaluationAttempts { get; set; } = 5;
}
