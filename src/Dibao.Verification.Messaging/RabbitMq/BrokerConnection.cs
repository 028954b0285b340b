using System.Security.Authentication;
using RabbitMQ.Client;

namespace Dibao.Verification.Messaging.RabbitMq;

/// <summary>
/// The hub's own AMQP connection beside MassTransit's, for what MassTransit does not do: declaring delay queues, counting
/// and moving messages in <c>_error</c> queues. Opened on first use and recovered by the client after a broker restart.
/// </summary>
public sealed class BrokerConnection(RabbitMqOptions options, string clientName) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    /// <param name="confirms">Publisher confirms: a publish returns once the broker has taken the message.</param>
    public async Task<IChannel> OpenChannelAsync(bool confirms, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        return await connection.CreateChannelAsync(new CreateChannelOptions(confirms, confirms), cancellationToken);
    }

    public static ConnectionFactory Factory(RabbitMqOptions options, string clientName)
    {
        var factory = new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VirtualHost,
            UserName = options.Username,
            Password = options.Password,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
        };
        if (options.UseTls)
        {
            factory.Ssl = new SslOption
            {
                Enabled = true,
                ServerName = string.IsNullOrEmpty(options.TlsServerName) ? options.Host : options.TlsServerName,
                Version = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertPath = options.ClientCertificatePath ?? string.Empty,
                CertPassphrase = options.ClientCertificatePassword ?? string.Empty,
            };
        }

        return factory;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _opening.Dispose();
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await Factory(options, clientName).CreateConnectionAsync(cancellationToken);
        }
        finally
        {
            _opening.Release();
        }
    }
}
