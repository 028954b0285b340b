using System.Net;
using System.Net.Sockets;
using Dibao.Verification.Host.Cli;
using Dibao.Verification.Host.Tests.Startup;

namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>How <c>requeue-errors</c> refuses what it cannot do, each with its exit code.</summary>
public sealed class RequeueErrorsCommandTests
{
    [Fact]
    public async Task Without_a_queue_it_prints_its_usage_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await RequeueErrorsCommand.RunAsync([], output, error);

        exitCode.ShouldBe(RequeueErrorsCommand.UsageError);
        error.ToString().ShouldContain("requeue-errors QUEUE");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task On_the_in_memory_bus_it_is_a_configuration_error_naming_the_transport()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string>(), "requeue-errors", "agency-bank");

        result.ExitCode.ShouldBe(ConfigurationErrors.ExitCode);
        result.ShouldBeOneLineConfigurationError("Bus:Transport");
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_exits_5_naming_where_it_was_looked_for()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var port = ClosedPort();

        var exitCode = await RequeueErrorsCommand.RunAsync(
            ["agency-bank", "--Bus:Transport=RabbitMq", "--Bus:RabbitMq:Host=127.0.0.1", $"--Bus:RabbitMq:Port={port}"], output, error);

        exitCode.ShouldBe(RequeueErrorsCommand.BrokerUnreachable, error.ToString());
        error.ToString().ShouldContain($"127.0.0.1:{port}");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
