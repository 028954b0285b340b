using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Tests.Audit;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Dibao.Verification.Host.Tests.PersonalData;

public sealed class PersonalDataKeysTests
{
    private static readonly PersonHasher Hasher = new(TestAudit.PersonKey);

    [Fact]
    public void Production_refuses_to_run_without_a_configured_key_or_with_the_tests_well_known_one()
    {
        Should.Throw<HubConfigurationException>(() => PersonalDataKeys.Resolve(new PersonalDataOptions(), Hasher, Environment("Production")))
            .Key.ShouldBe("Encryption:Key");
        var wellKnown = Should.Throw<HubConfigurationException>(() =>
            PersonalDataKeys.Resolve(new PersonalDataOptions { Key = PersonalDataKeys.WellKnownTestKey }, Hasher, Environment("Production")));
        wellKnown.Key.ShouldBe("Encryption:Key");
        wellKnown.Message.ShouldContain("well-known");

        var issued = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        PersonalDataKeys.Resolve(new PersonalDataOptions { Key = issued, KeyId = "2026a" }, Hasher, Environment("Production")).KeyId.ShouldBe("2026a");
    }

    [Theory]
    [InlineData("Key", "c2hvcnQ=", "Encryption:Key")]
    [InlineData("KeyId", "key:1", "Encryption:KeyId")]
    [InlineData("PreviousKeys", "not base64!", "Encryption:PreviousKeys:0")]
    public void A_malformed_setting_is_refused_naming_its_key(string setting, string value, string key)
    {
        var options = new PersonalDataOptions { Key = PersonalDataKeys.WellKnownTestKey };
        switch (setting)
        {
            case "Key": options.Key = value; break;
            case "KeyId": options.KeyId = value; break;
            default: options.PreviousKeys["0"] = value; break;
        }

        Should.Throw<HubConfigurationException>(() => PersonalDataKeys.Resolve(options, Hasher, Environment("Development"))).Message.ShouldContain(key);
    }

    /// <summary>Configuration keys ignore case, so only options built in code can hold two such ids; they are refused all the same.</summary>
    [Fact]
    public void Previous_key_ids_differing_only_in_case_from_the_current_one_or_from_each_other_are_refused_naming_both()
    {
        var current = Should.Throw<HubConfigurationException>(() => PersonalDataKeys.Resolve(
            new PersonalDataOptions { Key = PersonalDataKeys.WellKnownTestKey, KeyId = "K", PreviousKeys = { ["k"] = PersonalDataKeys.WellKnownTestKey } },
            Hasher,
            Environment("Development")));
        (current.Key, current.Message).ShouldBe(("Encryption:PreviousKeys:k",
            "Encryption:PreviousKeys:k: a previous key's id must differ from Encryption:KeyId (K) in more than letter case, as some databases compare ids ignoring it"));

        var previous = Should.Throw<HubConfigurationException>(() => PersonalDataKeys.Resolve(
            new PersonalDataOptions
            {
                Key = PersonalDataKeys.WellKnownTestKey, KeyId = "2", PreviousKeys = { ["a"] = PersonalDataKeys.WellKnownTestKey, ["A"] = PersonalDataKeys.WellKnownTestKey },
            },
            Hasher,
            Environment("Development")));
        previous.Key.ShouldBe("Encryption:PreviousKeys:a");
        previous.Message.ShouldContain("must differ from Encryption:PreviousKeys:A in more than letter case");
    }

    [Fact]
    public void The_embedded_default_makes_its_key_once_readable_by_its_owner_only_and_keeps_it()
    {
        var folder = Directory.CreateTempSubdirectory("dibao-key-").FullName;
        try
        {
            var options = new PersonalDataOptions { LocalKeyPath = Path.Combine(folder, "data", "encryption-key") };

            var first = PersonalDataKeys.Resolve(options, Hasher, Environment("Development"));
            var second = PersonalDataKeys.Resolve(options, Hasher, Environment("Development"));

            second.Unprotect(first.Protect("欧阳娜娜")).ShouldBe("欧阳娜娜");
            second.Fingerprint.ShouldBe(first.Fingerprint);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(options.LocalKeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IHostEnvironment Environment(string name) => new Env { EnvironmentName = name };

    private sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
