namespace Dibao.Verification.Domain.Policy;

/// <summary>
/// One member's contribution to household income from one rule. <see cref="Known"/> is false while
/// the answer that decides it is awaited, missing or refused; <see cref="Amount"/> is then what is certain so far (a lower bound).
/// </summary>
public sealed record IncomePart(string IdNumber, string Kind, decimal Amount, bool Known, string? Agency, string Evidence)
{
    public static IncomePart Unknown(string idNumber, string kind, string? agency) =>
        new(idNumber, kind, 0m, false, agency, $"{kind}：未得到{(agency is null ? "" : AgencyCodes.DisplayName(agency))}的核对结果");
}
