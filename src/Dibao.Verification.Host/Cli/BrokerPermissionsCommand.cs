using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>broker-permissions</c>: prints the <c>rabbitmqctl</c> lines that give the hub and each agency of
/// <c>Verification:Agencies</c> a broker user of its own on <c>Bus:RabbitMq:VirtualHost</c> (<see cref="BrokerUsers"/>),
/// for the broker's administrator to run with the passwords in the environment. Reads the same settings as the hub, so
/// <c>--Section:Key=value</c> applies. Exit codes: 0 printed, 2 usage.
/// </summary>
public static class BrokerPermissionsCommand
{
    public const int UsageError = 2;

    private const string Usage = """
        Usage: dotnet run --project src/Dibao.Verification.Host -- broker-permissions [--Section:Key=value ...]
          Prints the rabbitmqctl commands creating the hub's broker user and one per agency of Verification:Agencies,
          each agency's permitted only its own queues and exchanges, on the virtual host Bus:RabbitMq:VirtualHost.
          Set RABBITMQ_HUB_PASSWORD and RABBITMQ_<AGENCY>_PASSWORD, then run them as the broker's administrator.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Any(a => !a.StartsWith("--", StringComparison.Ordinal) || a is "--help"))
        {
            error.WriteLine(Usage);
            return args.Any(a => a is "-h" or "--help") ? 0 : UsageError;
        }

        var settings = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = UnwatchedConfiguration.Args(args), ContentRootPath = AppContext.BaseDirectory });
        var bus = settings.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        var verification = settings.Configuration.GetSection(VerificationOptions.Section).Get<VerificationOptions>() ?? new VerificationOptions();
        var users = BrokerUsers.For(verification.Agencies);
        output.WriteLine($"# Broker users on virtual host {bus.RabbitMq.VirtualHost}: set {string.Join(", ", users.Select(u => u.PasswordVariable))} first.");
        output.WriteLine("# add_user fails for a user that exists: change its password with rabbitmqctl change_password instead.");
        foreach (var line in BrokerUsers.RabbitMqCtlLines(users, bus.RabbitMq.VirtualHost))
        {
            output.WriteLine(line);
        }

        return 0;
    }
}
