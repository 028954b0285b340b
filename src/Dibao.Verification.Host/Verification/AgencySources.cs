using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// The sources the hub awaits an answer from for one agency code. Banks answer each on their own, so
/// <c>bank</c> stands for one source per bank code in <c>Verification:Banks</c> (<c>bank:ICBC</c>, <c>bank:CCB</c>, …);
/// every other agency is its own single source.
/// </summary>
public static class AgencySources
{
    public static IReadOnlyList<string> Of(string agency, IEnumerable<string> banks) =>
        agency == AgencyCodes.Bank
            ? [.. banks.Where(code => code.Length > 0).Select(code => $"{AgencyCodes.Bank}:{code}")]
            : [agency];
}
