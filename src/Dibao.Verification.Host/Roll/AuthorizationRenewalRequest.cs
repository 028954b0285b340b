namespace Dibao.Verification.Host.Roll;

/// <summary>The body of <c>POST /api/v1/roll/{rollId}/authorization</c>: the authorization the household signed anew.</summary>
public sealed record AuthorizationRenewalRequest
{
    public string? ConsentRef { get; init; }

    /// <summary>When it was signed; today when not given.</summary>
    public DateOnly? ConsentSignedOn { get; init; }
}
