using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.Startup;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>A production hub is given its encryption key; the key is no business of the commands that never read personal data.</summary>
public sealed class PersonalDataStartupTests
{
    private static Dictionary<string, string> Production(string? encryptionKey)
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__Issuer"] = "https://idp.example.gov.cn/realms/dibao",
            ["Auth__SigningKeys__0"] = key.ExportSubjectPublicKeyInfoPem(),
            ["Audit__PersonKey"] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        };
        if (encryptionKey is not null)
        {
            environment["Encryption__Key"] = encryptionKey;
        }

        return environment;
    }

    [Fact]
    public async Task Production_refuses_to_start_without_the_encryption_key_or_with_the_tests_one_in_one_line()
    {
        (await HubProcess.RunAsync(Production(null))).ShouldBeOneLineConfigurationError("Encryption:Key", "Production");
        (await HubProcess.RunAsync(Production(PersonalDataKeys.WellKnownTestKey))).ShouldBeOneLineConfigurationError("Encryption:Key", "well-known");
    }

    [Fact]
    public async Task Migrate_runs_in_Production_without_the_encryption_or_person_key()
    {
        var folder = Directory.CreateTempSubdirectory("dibao-migrate-").FullName;
        try
        {
            var environment = Production(null);
            environment.Remove("Audit__PersonKey");

            var result = await HubProcess.RunAsync(environment, "migrate", $"--Database:ConnectionString=Data Source={Path.Combine(folder, "hub.db")}");

            result.ExitCode.ShouldBe(0, result.Stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
