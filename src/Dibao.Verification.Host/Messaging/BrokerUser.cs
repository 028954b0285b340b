namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// A RabbitMQ user of one process of the deployment, with its permission patterns on one virtual host (RabbitMQ's
/// configure, write and read regular expressions) and the environment variable its password is kept in.
/// </summary>
public sealed record BrokerUser(string Name, string PasswordVariable, string Configure, string Write, string Read);
