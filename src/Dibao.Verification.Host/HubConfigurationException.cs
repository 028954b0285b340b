namespace Dibao.Verification.Host;

/// <summary>
/// The hub cannot start as configured, and the operator can fix it by changing <see cref="Key"/>: reported as one line,
/// not as a crash, so it is never confused with a defect of the hub.
/// </summary>
public sealed class HubConfigurationException : Exception
{
    public HubConfigurationException(string key, string message, Exception? innerException = null)
        : base(message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}", innerException)
    {
        Key = key;
    }

    public HubConfigurationException()
        : this("", "The hub's configuration is invalid.")
    {
    }

    public HubConfigurationException(string message)
        : this("", message)
    {
    }

    public HubConfigurationException(string message, Exception innerException)
        : this("", message, innerException)
    {
    }

    /// <summary>The configuration key to change, as written in appsettings.json (<c>Section:Key</c>).</summary>
    public string Key { get; }
}
