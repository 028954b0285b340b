namespace Dibao.Verification.AgencyHost;

/// <summary>Configuration section <c>AgencyHost</c>.</summary>
public sealed class AgencyHostOptions
{
    public const string Section = "AgencyHost";

    public const string AgenciesKey = Section + ":" + nameof(Agencies);

    /// <summary>The agencies whose adapters this process hosts, by code (<c>["tax"]</c>).</summary>
    public List<string> Agencies { get; set; } = [];
}
