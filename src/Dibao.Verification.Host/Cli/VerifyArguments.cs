using System.Globalization;

namespace Dibao.Verification.Host.Cli;

/// <summary>The verify command's own options; anything else (<c>--Section:Key=value</c>) goes to the hub's configuration.</summary>
internal sealed record VerifyArguments(
    string? File,
    string Township,
    string Purpose,
    DateOnly? AsOf,
    TimeSpan Timeout,
    IReadOnlyList<string> HostArguments,
    string? Error)
{
    public static VerifyArguments Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        var township = "220105001";
        var purpose = "new-application";
        DateOnly? asOf = null;
        var timeout = TimeSpan.FromMinutes(10);
        var host = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--township":
                    township = Value() ?? "";
                    break;
                case "--purpose":
                    purpose = Value() ?? "";
                    break;
                case "--as-of":
                    if (!DateOnly.TryParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        return Failed("--as-of 需要 yyyy-MM-dd 格式的日期");
                    }

                    asOf = date;
                    break;
                case "--timeout":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        return Failed("--timeout 需要正整数秒数");
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        host.Add(arg);
                    }
                    else if (file is null)
                    {
                        file = arg;
                    }
                    else
                    {
                        return Failed($"多余的参数: {arg}");
                    }

                    break;
            }
        }

        return file is null
            ? Failed("缺少批次文件")
            : new VerifyArguments(file, township, purpose, asOf, timeout, host, null);

        static VerifyArguments Failed(string error) => new(null, "", "", null, TimeSpan.Zero, [], error);
    }
}
