using System.Text;
using Dibao.Verification.Host.Policy;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Policy;

public sealed class PolicyProviderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");

    [Fact]
    public void A_policy_file_saved_with_a_byte_order_mark_loads_and_its_hash_is_of_the_bytes_as_saved()
    {
        var json = """{ "name": "本地政策", "defaults": { "incomeLookbackMonths": 12, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false }, "jurisdictions": { "2201": { "monthlyStandard": 800 } } }""";
        File.WriteAllBytes(_path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)]);

        var policy = new PolicyProvider(Options.Create(new PolicyOptions { Path = _path }));

        policy.Document.Name.ShouldBe("本地政策");
        policy.Resolve("220105001")!.MonthlyStandard.ShouldBe(800m);
        policy.Hash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_path))));
    }

    public void Dispose() => File.Delete(_path);
}
