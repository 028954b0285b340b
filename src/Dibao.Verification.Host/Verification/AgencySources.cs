namespace Dibao.Verification.Host.Verification;

/// <summary>
/// The sources the hub awaits an answer from for one agency code. Banks answer each on their own, so
/// <c>bank</c> stands for one source per bank code in <c>Verification:Banks</c> (<c>bank:ICBC</c>, <c>bank:CCB</c>, …);
/// every other agency is its own single source.
/// </summary>
public static class AgencySources
{
    public const string Bank = "bank";

    public static IReadOnlyList<string> Of(string agency, IEnumerable<string> banks) =>
        agency == Bank
            ? [.. banks.Where(code => code.Length > 0).Select(code => $"{Bank}:{code}")]
            : [agency];

    /// <summary>The agency a source belongs to: <c>bank</c> for <c>bank:ICBC</c>.</summary>
    public static string AgencyOf(string source) => source.Split(':')[0];
}
