using Dibao.Verification.Domain.Policy;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Policy;

/// <summary>Loads the policy file once, at start-up, so a broken file stops the hub before it verifies anything.</summary>
public sealed class PolicyProvider
{
    public PolicyProvider(IOptions<PolicyOptions> options)
    {
        var path = string.IsNullOrWhiteSpace(options.Value.Path)
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "Policy", "reference-policy.json")
            : options.Value.Path;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Policy file not found: {path} (Policy:Path).", path);
        }

        var content = File.ReadAllBytes(path);
        // Editors on Windows save UTF-8 with a byte-order mark, which the JSON reader refuses as the file's first character.
        var text = content.AsSpan();
        Document = PolicyDocument.Parse(System.Text.Encoding.UTF8.GetString(text.StartsWith(System.Text.Encoding.UTF8.Preamble) ? text[3..] : text));
        Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Source = path;
    }

    public PolicyDocument Document { get; }

    /// <summary>SHA-256 of the file's bytes: stored with every evaluation, so a result names the exact policy that gave it.</summary>
    public string Hash { get; }

    public string Source { get; }

    public PolicyParameters? Resolve(string township) => Document.Resolve(township);

    /// <summary>The parameters for a township accepted earlier: the policy loaded since must still cover it.</summary>
    public PolicyParameters Require(string township) =>
        Resolve(township) ?? throw new InvalidOperationException($"The policy no longer sets a monthly standard for township {township}.");
}
