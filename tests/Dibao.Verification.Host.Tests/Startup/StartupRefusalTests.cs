namespace Dibao.Verification.Host.Tests.Startup;

/// <summary>A hub configured wrongly does not start, and tells the operator which key to change in one line.</summary>
public sealed class StartupRefusalTests
{
    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public async Task The_sandbox_is_refused_in_Production(string variable)
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { [variable] = "Production", ["Sandbox__Enabled"] = "true" });

        result.ShouldBeOneLineConfigurationError("Sandbox:Enabled", "Production");
    }

    [Fact]
    public async Task Verify_turns_the_sandbox_on_but_is_refused_in_Production_all_the_same()
    {
        var batch = Path.Combine(Path.GetTempPath(), $"dibao-batch-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(batch, """
            household_ref,consent_ref,id_number,name,relation
            H-000003,SQ-2026-000003,220102196406090154,吴振永,self
            """);
        try
        {
            var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, "verify", batch);

            result.ShouldBeOneLineConfigurationError("Sandbox:Enabled", "Production");
        }
        finally
        {
            File.Delete(batch);
        }
    }

    /// <summary>The Development environment turns the sandbox on (appsettings.Development.json); an agency's address must not be silently replaced.</summary>
    [Theory]
    [InlineData("Agencies__Tax__BaseUrl", "Agencies:Tax:BaseUrl")]
    [InlineData("Agencies__Bank__Banks__0__BaseUrl", "Agencies:Bank:Banks:0:BaseUrl")]
    public async Task The_sandbox_is_refused_beside_a_configured_agency_address(string variable, string key)
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            [variable] = "https://agency.example.gov.cn/",
        });

        result.ShouldBeOneLineConfigurationError("Sandbox:Enabled", key);
    }

    /// <summary>Keys anyone can read in the repository: the sandbox's default key as any agency's secret, RabbitMQ's guest password.</summary>
    [Theory]
    [InlineData("Agencies__Tax__ClientSecret", "sandbox-api-key", "Agencies:Tax:ClientSecret")]
    [InlineData("Agencies__Vehicle__ApiKey", "sandbox-api-key", "Agencies:Vehicle:ApiKey")]
    [InlineData("Agencies__Bank__Banks__0__ApiKey", "sandbox-api-key-icbc", "Agencies:Bank:Banks:0:ApiKey")]
    [InlineData("Bus__Transport", "RabbitMq", "Bus:RabbitMq:Password")]
    public async Task Well_known_keys_are_refused_in_Production(string variable, string value, string key)
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__Authority"] = "https://idp.example.gov.cn/realms/dibao",
            [variable] = value,
        });

        result.ShouldBeOneLineConfigurationError(key, "Production");
    }

    [Fact]
    public async Task A_hub_told_not_to_migrate_refuses_a_database_lacking_migrations_naming_the_migrate_command()
    {
        var result = await HubProcess.RunAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, "--Database:MigrateAtStartup=false");

        result.ShouldBeOneLineConfigurationError("Database:MigrateAtStartup", "-- migrate");
    }

    /// <summary>The embedded default makes a person key of its own; a production hub must be given one, or its trail's hashes would change with the machine.</summary>
    [Fact]
    public async Task Production_refuses_to_start_without_the_audit_trails_person_key()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var result = await HubProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Auth__Issuer"] = "https://idp.example.gov.cn/realms/dibao",
                ["Auth__SigningKeys__0"] = key.ExportSubjectPublicKeyInfoPem(),
            });

        result.ShouldBeOneLineConfigurationError("Audit:PersonKey", "Production");
    }

    [Fact]
    public async Task Seeding_the_roll_with_the_synthetic_population_is_refused_in_Production_in_one_line()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, "seed-roll", "--persons", "1");

        result.ShouldBeOneLineConfigurationError("ASPNETCORE_ENVIRONMENT", "Production");
    }

    /// <summary>
    /// Rotating from k to K: SQLite's LIKE and SQL Server's default collation take a value under k for one under K, so the
    /// start-up would convert nothing, and the values would be unreadable once k is removed.
    /// </summary>
    [Fact]
    public async Task A_previous_key_id_differing_from_the_current_one_only_in_case_is_refused_in_one_line_naming_it()
    {
        var result = await HubProcess.RunAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            "--Encryption:KeyId=K",
            $"--Encryption:Key={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
            $"--Encryption:PreviousKeys:k={Dibao.Verification.Host.PersonalData.PersonalDataKeys.WellKnownTestKey}");

        result.ShouldBeOneLineConfigurationError("Encryption:PreviousKeys:k", "Encryption:KeyId");
    }

    /// <summary>A misspelt parameter would otherwise be skipped, leaving the county on its city's standard.</summary>
    [Fact]
    public async Task A_policy_file_with_a_key_the_hub_does_not_know_is_refused_in_one_line_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "name": "本地政策",
              "defaults": { "incomeLookbackMonths": 12, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false },
              "jurisdictions": { "2201": { "monthlyStandard": 800 }, "220183": { "monthlyStandart": 600 } } }
            """);
        try
        {
            var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, $"--Policy:Path={path}");

            result.ShouldBeOneLineConfigurationError("Policy:Path", "monthlyStandart");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A vehicle nobody was asked about is no vehicle to the rules: every household would pass without one.</summary>
    [Fact]
    public async Task A_hub_asking_fewer_agencies_than_the_policy_rests_on_is_refused_in_one_line()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, "--Verification:Agencies:4=");

        result.ShouldBeOneLineConfigurationError("Verification:Agencies", "vehicle");
    }

    [Theory]
    [InlineData("--Verification:PersonsPerQuery=0", "Verification:PersonsPerQuery")]
    [InlineData("--Batches:MaxHouseholds=many", "Batches:MaxHouseholds")]
    [InlineData("--Database:Provider=Oracle", "Database:Provider")]
    [InlineData("--Policy:Path=no-such-policy.json", "Policy:Path")]
    [InlineData("--Confirmation:CalendarPath=no-such-calendar", "Confirmation:CalendarPath")]
    [InlineData("--Verification:Agencies:6=tax", "Verification:Agencies")]
    [InlineData("--Telemetry:Otlp:Endpoint=collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("--Consent:ValidFor=0", "Consent:ValidFor")]
    [InlineData("--RateLimiting:PermitLimit=0", "RateLimiting:PermitLimit")]
    [InlineData("--Audit:Retention=3", "Audit:Retention")]
    [InlineData("--Audit:PersonKey=short", "Audit:PersonKey")]
    [InlineData("--Recomparison:Agencies:tax:MaxPersonsPerSecond=0", "Recomparison:Agencies:<code>:MaxPersonsPerSecond")]
    public async Task A_configuration_error_stops_the_hub_in_one_line_naming_the_key(string setting, string key)
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, setting);

        result.ShouldBeOneLineConfigurationError(key);
    }
}
