namespace Dibao.Verification.Host.Tests.Deployment;

/// <summary>docker-compose.yml is valid as Debian's docker-compose reads it, runs the production topology, and starts nothing without its secrets.</summary>
public sealed class DockerComposeTests
{
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["RABBITMQ_ADMIN_PASSWORD"] = "admin-secret-1",
        ["RABBITMQ_HUB_PASSWORD"] = "hub-secret-2",
        ["RABBITMQ_SOCIAL_SECURITY_PASSWORD"] = "social-security-secret-3",
        ["RABBITMQ_HOUSING_FUND_PASSWORD"] = "housing-fund-secret-4",
        ["RABBITMQ_TAX_PASSWORD"] = "tax-secret-5",
        ["RABBITMQ_BUSINESS_REGISTRY_PASSWORD"] = "business-registry-secret-6",
        ["RABBITMQ_VEHICLE_PASSWORD"] = "vehicle-secret-7",
        ["RABBITMQ_BANK_PASSWORD"] = "bank-secret-8",
        ["MSSQL_SA_PASSWORD"] = "Sa-Secret-2026!",
        ["SANDBOX_API_KEY"] = "sandbox-key-9",
        ["AUTH_AUTHORITY"] = "https://idp.example.gov.cn/realms/dibao",
        ["AUDIT_PERSON_KEY"] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        ["ENCRYPTION_KEY"] = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=",
    };

    private static readonly string[] AgencyHosts =
        ["agency-social-security", "agency-housing-fund", "agency-tax", "agency-business-registry", "agency-vehicle", "agency-bank"];

    public static TheoryData<string> SecretNames => [.. Secrets.Keys];

    [DockerComposeFact]
    public async Task With_its_secrets_set_it_is_valid_and_names_every_service_of_the_topology()
    {
        var (exitCode, stdout, stderr) = await DockerCompose.RunAsync(Secrets, "config", "--services");

        exitCode.ShouldBe(0, stderr);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ShouldBe(
            [.. new[] { "rabbitmq", "broker-users", "sqlserver", "migrate", "hub", "sandbox" }.Concat(AgencyHosts).Order()]);
    }

    [DockerComposeFact]
    public async Task Every_published_port_listens_on_loopback_only()
    {
        var services = await ServicesAsync();

        var published = services.SelectMany(s => Block(s.Value, "ports").Select(port => (Service: s.Key, Port: port))).ToList();
        published.Select(p => p.Service).Distinct().Order().ShouldBe(["hub", "rabbitmq", "sqlserver"]);
        published.ShouldAllBe(p => p.Port.StartsWith("- 127.0.0.1:", StringComparison.Ordinal));
    }

    [DockerComposeFact]
    public async Task The_hub_runs_on_SQL_Server_after_migrate_with_agency_hosts_answering_and_the_sandbox_only_in_its_own_service()
    {
        var services = await ServicesAsync();

        var hub = services["hub"];
        Trimmed(hub).ShouldContain("Database__Provider: SqlServer");
        Trimmed(hub).ShouldContain("Verification__AdaptersInProcess: \"false\"");
        DependsOn(hub).ShouldContain(("migrate", "service_completed_successfully"));
        DependsOn(hub).ShouldContain(("rabbitmq", "service_healthy"));
        Trimmed(services["migrate"]).ShouldContain("- migrate");
        Trimmed(services["sandbox"]).ShouldContain("- sandbox");
        services.Where(s => s.Value.Any(line => line.Contains("Sandbox__Enabled", StringComparison.Ordinal))).Select(s => s.Key).ShouldBe(["sandbox"]);

        foreach (var agency in AgencyHosts)
        {
            var host = services[agency];
            Trimmed(host).ShouldContain($"AgencyHost__Agencies__0: {agency["agency-".Length..]}");
            Trimmed(host).ShouldContain($"Bus__RabbitMq__Username: {agency}", "each agency host has a broker user of its own");
            DependsOn(host).ShouldContain(("sandbox", "service_healthy"));
            DependsOn(host).ShouldContain(("rabbitmq", "service_healthy"));
            Trimmed(host).ShouldContain("healthcheck:");
        }
    }

    [DockerComposeTheory]
    [MemberData(nameof(SecretNames))]
    public async Task Leaving_a_secret_unset_fails_naming_it(string secret)
    {
        var (exitCode, _, stderr) = await DockerCompose.RunAsync(Secrets.Where(s => s.Key != secret).ToDictionary(), "config", "-q");

        exitCode.ShouldNotBe(0);
        stderr.ShouldContain($"set {secret}");
    }

    /// <summary>Each service's lines in <c>docker-compose config</c>'s normalised output, indented as there, by service name.</summary>
    private static async Task<Dictionary<string, List<string>>> ServicesAsync()
    {
        var (exitCode, stdout, stderr) = await DockerCompose.RunAsync(Secrets, "config");
        exitCode.ShouldBe(0, stderr);

        var services = new Dictionary<string, List<string>>();
        List<string>? current = null;
        var inServices = false;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inServices = line == "services:";
                current = null;
            }
            else if (inServices && line.StartsWith("  ", StringComparison.Ordinal) && !char.IsWhiteSpace(line[2]) && line.EndsWith(':'))
            {
                services[line.Trim().TrimEnd(':')] = current = [];
            }
            else if (current is not null && line.Trim().Length > 0)
            {
                current.Add(line.TrimEnd());
            }
        }

        return services;
    }

    private static List<string> Trimmed(List<string> service) => [.. service.Select(line => line.Trim())];

    /// <summary>The lines of one key's block within a service (<c>ports</c>), trimmed.</summary>
    private static List<string> Block(List<string> service, string key)
    {
        var start = service.FindIndex(line => line.Trim() == key + ":");
        if (start < 0)
        {
            return [];
        }

        var indent = Indent(service[start]);
        return [.. service.Skip(start + 1).TakeWhile(line => Indent(line) > indent || Indent(line) == indent && line.TrimStart().StartsWith('-')).Select(line => line.Trim())];
    }

    private static List<(string Service, string Condition)> DependsOn(List<string> service)
    {
        var block = Block(service, "depends_on");
        return [.. block.Select((line, index) => (line, index))
            .Where(l => l.line.EndsWith(':') && l.index + 1 < block.Count && block[l.index + 1].StartsWith("condition: ", StringComparison.Ordinal))
            .Select(l => (l.line.TrimEnd(':'), block[l.index + 1]["condition: ".Length..]))];
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
