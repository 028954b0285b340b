using System.Globalization;

namespace Dibao.Verification.Domain.Identity;

public static class PersonName
{
    /// <summary>
    /// A name as offices post it publicly (张*三): the first and the last character kept, every one between hidden; a
    /// two-character name keeps its first (张*). Counted in text elements, so a rare character outside the basic plane
    /// stays whole.
    /// </summary>
    public static string Mask(string? name)
    {
        var characters = StringInfo.GetTextElementEnumerator(name?.Trim() ?? "");
        var elements = new List<string>();
        while (characters.MoveNext())
        {
            elements.Add(characters.GetTextElement());
        }

        return elements.Count switch
        {
            0 => "*",
            1 => "*",
            2 => elements[0] + "*",
            _ => elements[0] + new string('*', elements.Count - 2) + elements[^1],
        };
    }
}
