namespace Dibao.Verification.AgencyHost;

/// <summary>The agency host cannot start as configured, and the operator can fix it by changing <see cref="Key"/>.</summary>
public sealed class AgencyHostConfigurationException : Exception
{
    public AgencyHostConfigurationException(string key, string message, Exception? innerException = null)
        : base(message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}", innerException)
    {
        Key = key;
    }

    public AgencyHostConfigurationException()
        : this("", "The agency host's configuration is invalid.")
    {
    }

    public AgencyHostConfigurationException(string message)
        : this("", message)
    {
    }

    public AgencyHostConfigurationException(string message, Exception innerException)
        : this("", message, innerException)
    {
    }

    /// <summary>The configuration key to change (<c>Section:Key</c>).</summary>
    public string Key { get; }
}
