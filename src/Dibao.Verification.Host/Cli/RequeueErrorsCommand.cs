using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Messaging;
using Dibao.Verification.Messaging.RabbitMq;
using RabbitMQ.Client.Exceptions;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>requeue-errors QUEUE</c>: moves the messages waiting in <c>QUEUE_error</c> back to <c>QUEUE</c> on the configured
/// RabbitMQ broker (<see cref="ErrorQueueRequeue"/>) and prints how many. Exit codes: 0 moved (any number, none
/// included), 2 usage, 3 no such queue or error queue on the broker, 5 the broker could not be reached; a configuration
/// error (not RabbitMQ, a malformed key) is thrown for the program to report (<see cref="ConfigurationErrors.ExitCode"/>).
/// </summary>
public static class RequeueErrorsCommand
{
    public const int UsageError = 2;
    public const int QueueNotFound = 3;
    public const int BrokerUnreachable = 5;

    private const string Usage = """
        Usage: dotnet run --project src/Dibao.Verification.Host -- requeue-errors QUEUE [--Section:Key=value ...]
          Moves every message waiting in QUEUE_error back to QUEUE (for example agency-bank, hub-agency-findings),
          on the broker of Bus:RabbitMq:* as the hub is configured.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args.Skip(1).Any(a => !a.StartsWith("--", StringComparison.Ordinal)))
        {
            await error.WriteLineAsync(Usage);
            return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : UsageError;
        }

        var queue = args[0];
        var settings = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = UnwatchedConfiguration.Args(args[1..]), ContentRootPath = AppContext.BaseDirectory });
        var options = settings.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        if (options.Transport != BusTransport.RabbitMq)
        {
            throw new HubConfigurationException(
                "Bus:Transport",
                "requeue-errors moves messages on RabbitMQ; the in-memory bus keeps no error queues. Set Bus:Transport=RabbitMq and Bus:RabbitMq:* to the hub's broker.");
        }

        await using var broker = new BrokerConnection(options.RabbitMq, "dibao-requeue-errors");
        try
        {
            var moved = await new ErrorQueueRequeue(broker).MoveAsync(queue, CancellationToken.None);
            await output.WriteLineAsync($"Moved {moved} message{(moved == 1 ? "" : "s")} from {queue}{ErrorQueues.Suffix} back to {queue}.");
            return 0;
        }
        catch (QueueNotFoundException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return QueueNotFound;
        }
        catch (BrokerUnreachableException ex)
        {
            var rabbit = options.RabbitMq;
            await error.WriteLineAsync($"Cannot reach the broker at {rabbit.Host}:{rabbit.Port}{rabbit.VirtualHost}: {ex.InnerException?.Message ?? ex.Message}");
            return BrokerUnreachable;
        }
    }
}
