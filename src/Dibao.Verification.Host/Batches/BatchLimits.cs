namespace Dibao.Verification.Host.Batches;

public sealed class BatchLimits
{
    public const string Section = "Batches";

    /// <summary>A county's whole annual review fits in one batch; the body limit below is what bounds memory.</summary>
    public int MaxHouseholds { get; set; } = 100_000;

    public int MaxMembersPerHousehold { get; set; } = 30;

    /// <summary>100,000 households come to about 17 MB of CSV or 25 MB of JSON; the body is read whole before it is checked.</summary>
    public long MaxBodyBytes { get; set; } = 48 * 1024 * 1024;
}
