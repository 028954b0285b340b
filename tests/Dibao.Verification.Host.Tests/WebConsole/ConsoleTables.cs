using System.Text.RegularExpressions;

namespace Dibao.Verification.Host.Tests.WebConsole;

/// <summary>What a console page's tables show.</summary>
public static partial class ConsoleTables
{
    /// <summary>The household references in the cells of the page's tables, in the order shown.</summary>
    public static List<string> HouseholdRefs(string page) => [.. HouseholdRef().Matches(page).Select(m => m.Value)];

    [GeneratedRegex("(?<=<td>)H-[0-9]+(?=</td>)")]
    private static partial Regex HouseholdRef();
}
