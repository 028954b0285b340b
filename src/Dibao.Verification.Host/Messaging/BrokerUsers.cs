using System.Globalization;
using Dibao.Verification.Adapters.Common;

namespace Dibao.Verification.Host.Messaging;

/// <summary>
/// The broker users of a deployment: the hub's, permitted everything on its virtual host (it declares every agency's queue
/// and publishes its events), and one per agency, named <c>agency-{code}</c>, permitted only its agency's names
/// (<see cref="AgencyQueue.PermissionPattern"/>). Their passwords are read from <c>RABBITMQ_HUB_PASSWORD</c> and
/// <c>RABBITMQ_{AGENCY}_PASSWORD</c>, as docker-compose.yml names them.
/// </summary>
public static class BrokerUsers
{
    public const string HubUser = "hub";

    public static IReadOnlyList<BrokerUser> For(IEnumerable<string> agencies)
    {
        var users = new List<BrokerUser> { new(HubUser, PasswordVariable(HubUser), ".*", ".*", ".*") };
        foreach (var agency in agencies.Distinct(StringComparer.Ordinal))
        {
            var pattern = AgencyQueue.PermissionPattern([agency]);
            users.Add(new BrokerUser(AgencyUser(agency), PasswordVariable(agency), pattern, pattern, pattern));
        }

        return users;
    }

    public static string AgencyUser(string agency) => "agency-" + agency;

    /// <summary>The <c>rabbitmqctl</c> lines that create <paramref name="users"/> on <paramref name="virtualHost"/>, for a POSIX shell.</summary>
    public static IEnumerable<string> RabbitMqCtlLines(IEnumerable<BrokerUser> users, string virtualHost)
    {
        foreach (var user in users)
        {
            yield return $"rabbitmqctl add_user {Quote(user.Name)} \"${user.PasswordVariable}\"";
            yield return $"rabbitmqctl set_permissions -p {Quote(virtualHost)} {Quote(user.Name)} {Quote(user.Configure)} {Quote(user.Write)} {Quote(user.Read)}";
        }
    }

    private static string PasswordVariable(string name) =>
        $"RABBITMQ_{name.Replace('-', '_').ToUpper(CultureInfo.InvariantCulture)}_PASSWORD";

    /// <summary>Single quotes keep a pattern's <c>$</c> and <c>*</c> from the shell; a quote inside is closed, escaped and reopened.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
