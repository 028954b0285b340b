using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dibao.Verification.Adapters.BusinessRegistry;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using WireMock;

namespace Dibao.Verification.Adapters.Tests.BusinessRegistry;

public abstract class BusinessRegistryTestHost : AgencyTestHost
{
    protected const string AppId = "hub-app";
    protected const string Secret = "s3cret-签名";
    protected const string EntitiesPath = "/samr/v1/entities";
    protected const string BatchPath = "/samr/v1/entities:batch-query";

    private protected BusinessRegistryTestHost()
        : this(new SteppedTimeProvider())
    {
    }

    private BusinessRegistryTestHost(SteppedTimeProvider clock)
        : base(
            BusinessRegistryAdapter.Code,
            BusinessRegistryAdapter.ConfigurationSection,
            (bus, configuration) =>
            {
                bus.AddSingleton<TimeProvider>(clock);
                bus.AddBusinessRegistryAdapter(configuration);
            })
    {
        Clock = clock;
        Configure("ApiKey", null);
        Configure("AppId", AppId);
        Configure("Secret", Secret);
    }

    /// <summary>The adapter's clock, which signs the timestamps.</summary>
    private protected SteppedTimeProvider Clock { get; }

    protected static string EntityJson(
        string creditCode = "92220105MA17XXXX2Q",
        string name = "朝阳区建国小吃店",
        string type = "individual-business",
        string role = "operator",
        string capital = "3.0",
        string status = "active",
        string established = "\"2021-04-12\"",
        string deregistered = "null") => $$"""
        { "creditCode": "{{creditCode}}", "name": "{{name}}", "type": "{{type}}",
          "role": "{{role}}", "registeredCapitalWan": {{capital}}, "status": "{{status}}",
          "established": {{established}}, "deregistered": {{deregistered}} }
        """;

    protected static string PageJson(int total, int page, int pageSize, params string[] items) =>
        $$"""{ "total": {{total}}, "page": {{page}}, "pageSize": {{pageSize}}, "items": [ {{string.Join(", ", items)}} ] }""";

    protected static string ResultJson(string idNumber, params string[] items) =>
        $$"""{ "idNumber": "{{idNumber}}", "items": [ {{string.Join(", ", items)}} ] }""";

    protected static string BatchJson(params string[] results) => $$"""{ "results": [ {{string.Join(", ", results)}} ] }""";

    /// <summary>The request target exactly as the agency received it.</summary>
    protected static string Target(IRequestMessage request) => request.AbsolutePath + request.RawQuery;

    /// <summary>Checks the three headers against the specification's recipe, computed here independently of the adapter.</summary>
    protected static void ShouldBeSignedPerSpecification(IRequestMessage request)
    {
        request.Headers!["X-App-Id"].ShouldBe(new[] { AppId });
        var timestamp = request.Headers["X-Timestamp"].ShouldHaveSingleItem();
        timestamp.ShouldMatch("^[0-9]+$");
        var signed = $"{AppId}\n{timestamp}\n{Target(request)}";
        if (request.Method == "POST")
        {
            signed += "\n" + Convert.ToHexStringLower(SHA256.HashData(request.BodyAsBytes ?? []));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(signed)));
        request.Headers["X-Signature"].ShouldBe(new[] { expected });
        request.Headers.ContainsKey("X-Api-Key").ShouldBeFalse();
    }

    protected static long Timestamp(IRequestMessage request) =>
        long.Parse(request.Headers!["X-Timestamp"].Single(), CultureInfo.InvariantCulture);

    protected Task<(IReadOnlyList<PersonFinding> Findings, int Attempts)> FindAsync(params string[] idNumbers) =>
        FindAsync<BusinessRegistryQuery>(idNumbers);
}
