using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>The outcome words of the API and the bus: pending, pass, fail, review, incomplete.</summary>
public static class OutcomeNames
{
    public static string Of(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    public static string Of(ReasonSeverity severity) => severity.ToString().ToLowerInvariant();
}
