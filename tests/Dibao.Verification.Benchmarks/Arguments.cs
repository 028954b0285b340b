using System.Globalization;

namespace Dibao.Verification.Benchmarks;

internal static class Arguments
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;
}
