using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;

namespace Dibao.Verification.Host.WebConsole;

/// <summary>A round's answers laid out for the case page: a row per member, a column per agency (and bank), side by side.</summary>
public sealed class EvidenceGrid
{
    private readonly Dictionary<(string IdNumber, string Name, string Source), AgencyEvidenceView> _cells;

    public EvidenceGrid(IReadOnlyList<AgencyEvidenceView> evidence)
    {
        Members = [.. evidence.Select(e => (e.IdNumber, e.Name)).Distinct()];
        Sources = [.. evidence.Select(e => e.Agency).Distinct().Order(StringComparer.Ordinal)];
        // Masked, two members' numbers can read alike (same district, same last four): the name tells them apart.
        _cells = evidence.GroupBy(e => (e.IdNumber, e.Name, e.Agency)).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The members in the round's order, as the caller may see their numbers.</summary>
    public IReadOnlyList<(string IdNumber, string Name)> Members { get; }

    public IReadOnlyList<string> Sources { get; }

    /// <summary>The agencies asked, a bank once however many of its branches: what a dispute names.</summary>
    public IReadOnlyList<string> Agencies => [.. Sources.Select(AgencyCodes.AgencyOf).Distinct()];

    public AgencyEvidenceView? At((string IdNumber, string Name) member, string source) => _cells.GetValueOrDefault((member.IdNumber, member.Name, source));
}
