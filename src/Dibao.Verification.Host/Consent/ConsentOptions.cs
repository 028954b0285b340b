namespace Dibao.Verification.Host.Consent;

/// <summary>The <c>Consent</c> section: how long a household's signed authorization (授权书) lets the hub ask agencies about it.</summary>
public sealed class ConsentOptions
{
    public const string Section = "Consent";

    /// <summary>In months from the day it was signed: an authorization signed on 15 March with 12 is valid until 14 March next year.</summary>
    public int ValidFor { get; set; } = 12;

    public bool IsValid(DateOnly signedOn, DateOnly today) => signedOn <= today && today < signedOn.AddMonths(ValidFor);

    /// <summary>The last day an authorization signed on <paramref name="signedOn"/> is valid.</summary>
    public DateOnly ValidUntil(DateOnly signedOn) => signedOn.AddMonths(ValidFor).AddDays(-1);

    /// <summary>
    /// The latest signing day whose authorization is no longer valid on <paramref name="day"/>: every one signed on it or
    /// before has run out by then. Found by stepping, as adding months to a month's end is not undone by taking them away.
    /// </summary>
    public DateOnly LatestSignedOnExpiredBy(DateOnly day)
    {
        var signedOn = day.AddMonths(-ValidFor);
        while (signedOn.AddDays(1).AddMonths(ValidFor) <= day)
        {
            signedOn = signedOn.AddDays(1);
        }

        while (signedOn.AddMonths(ValidFor) > day)
        {
            signedOn = signedOn.AddDays(-1);
        }

        return signedOn;
    }
}
