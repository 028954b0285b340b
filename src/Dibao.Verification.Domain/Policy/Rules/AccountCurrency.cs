using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// The policy's limits are in yuan, and the hub holds no exchange rates: a balance in another currency, or in one the bank
/// did not state, has no value it could count, so it is never added as if it were yuan.
/// </summary>
internal static class AccountCurrency
{
    public const string Yuan = "CNY";

    public static bool InYuan(FinancialAccountFact account) => string.Equals(account.Currency, Yuan, StringComparison.Ordinal);

    /// <summary>An account whose value in yuan the hub cannot know; one in another currency that holds nothing adds nothing.</summary>
    public static bool Unvalued(FinancialAccountFact account) => !InYuan(account) && account.Balance != 0;
}
