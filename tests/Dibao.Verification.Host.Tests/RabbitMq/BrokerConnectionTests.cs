using Dibao.Verification.Messaging;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Messaging.RabbitMq;

namespace Dibao.Verification.Host.Tests.RabbitMq;

public sealed class BrokerConnectionTests
{
    [Fact]
    public void Tls_settings_reach_the_connection()
    {
        var factory = BrokerConnection.Factory(
            new RabbitMqOptions
            {
                Host = "rabbit.internal",
                Port = 5671,
                UseTls = true,
                TlsServerName = "rabbit.example.gov.cn",
                ClientCertificatePath = "/etc/dibao/hub.pfx",
                ClientCertificatePassword = "secret",
            },
            "dibao-hub");

        factory.Ssl.Enabled.ShouldBeTrue();
        factory.Ssl.ServerName.ShouldBe("rabbit.example.gov.cn");
        factory.Ssl.CertPath.ShouldBe("/etc/dibao/hub.pfx");
        factory.Ssl.CertPassphrase.ShouldBe("secret");
        factory.Port.ShouldBe(5671);
    }

    [Fact]
    public void Tls_checks_the_host_name_unless_told_another_and_is_off_by_default()
    {
        BrokerConnection.Factory(new RabbitMqOptions { Host = "rabbit.internal", UseTls = true }, "dibao-hub").Ssl.ServerName.ShouldBe("rabbit.internal");
        BrokerConnection.Factory(new RabbitMqOptions(), "dibao-hub").Ssl.Enabled.ShouldBeFalse();
    }
}
