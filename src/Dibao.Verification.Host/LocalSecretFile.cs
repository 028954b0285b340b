namespace Dibao.Verification.Host;

/// <summary>
/// A secret the embedded default makes for itself at first start (the signing key, the audit person key): written to a
/// file readable by its owner only, and moved into place whole, so processes starting together never read half of one.
/// </summary>
public static class LocalSecretFile
{
    /// <summary>Writes <paramref name="content"/> at <paramref name="full"/> unless another process got there first.</summary>
    public static void CreateOnce(string full, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var written = full + $".{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(written, options)))
        {
            writer.Write(content);
        }

        try
        {
            File.Move(written, full, overwrite: false);
        }
        catch (IOException) when (File.Exists(full))
        {
            File.Delete(written);
        }
    }
}
