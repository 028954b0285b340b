namespace Dibao.Verification.Host.Batches;

public sealed class BatchLimits
{
    public const string Section = "Batches";

    public int MaxHouseholds { get; set; } = 5000;

    public int MaxMembersPerHousehold { get; set; } = 30;

    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
}
