namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// Unified social credit codes (GB 32100-2015) with a correct check character, so adapters that
/// validate them accept the sandbox's employers and businesses.
/// </summary>
internal static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <param name="kind">Registration authority and kind: 91 company, 92 individual business, 93 farmer cooperative.</param>
    public static string Create(ref DeterministicRandom random, string kind, string areaCode)
    {
        Span<char> code = stackalloc char[18];
        kind.AsSpan().CopyTo(code);
        areaCode.AsSpan().CopyTo(code[2..]);
        for (var i = 8; i < 17; i++)
        {
            code[i] = Alphabet[random.Next(i < 10 ? 10 : Alphabet.Length)];
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        }

        code[17] = Alphabet[(31 - (sum % 31)) % 31];
        return new string(code);
    }
}
