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

        Document = PolicyDocument.Parse(File.ReadAllText(path));
        Source = path;
    }

    public PolicyDocument Document { get; }

    public string Source { get; }

    public PolicyParameters? Resolve(string township) => Document.Resolve(township);
}
