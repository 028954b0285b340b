namespace Dibao.Verification.Domain.Policy;

/// <summary>A household member and every answer the hub has for them, one per agency consulted.</summary>
/// <param name="Declared">What the household declared for this member; null when it declared nothing for them.</param>
public sealed record MemberEvidence(string IdNumber, string Name, IReadOnlyList<AgencyAnswer> Answers, Declaration? Declared = null)
{
    /// <summary>The answers from one agency (several for banks); empty when the agency was not consulted.</summary>
    public IEnumerable<AgencyAnswer> From(string agency) => Answers.Where(a => a.Agency == agency);

    /// <summary>
    /// Whether an agency has told what it holds about the member: null when it was not consulted; false while an answer
    /// is awaited, past its deadline, or refused (the whole question, or about this person, as the tax bureau's
    /// <c>NAME_ID_MISMATCH</c> withholds the records). Nothing is known from it then, and a source further down must not
    /// stand in for it.
    /// </summary>
    public bool? Knows(string agency)
    {
        bool? knows = null;
        foreach (var answer in From(agency))
        {
            if (!answer.Tells)
            {
                return false;
            }

            knows = true;
        }

        return knows;
    }

    /// <summary>
    /// <see cref="Knows(string)"/> for records over an income window: false as well when an answer was asked for fewer
    /// months than <paramref name="window"/> holds (a policy with a longer window loaded while it was awaited). Its records
    /// would be averaged over months nobody asked about, so nothing is known from it for this window.
    /// </summary>
    public bool? Knows(string agency, IncomeWindow window) => Knows(agency) switch
    {
        true when !From(agency).All(a => a.Covers(window)) => false,
        var knows => knows,
    };
}
