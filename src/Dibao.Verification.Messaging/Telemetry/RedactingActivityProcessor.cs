using System.Diagnostics;
using OpenTelemetry;

namespace Dibao.Verification.Messaging.Telemetry;

/// <summary>
/// Masks identity numbers in every span's name, status and attributes as it ends, whichever library set them: the
/// HTTP client instrumentation records agency URLs, and some agencies take the number in the URL. Registered before
/// the exporter, so nothing unmasked leaves the process.
/// </summary>
public sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        List<KeyValuePair<string, string>>? masked = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && IdentityNumberRedaction.Contains(text))
            {
                (masked ??= []).Add(new(tag.Key, IdentityNumberRedaction.Redact(text)));
            }
        }

        if (masked is not null)
        {
            foreach (var (key, value) in masked)
            {
                data.SetTag(key, value);
            }
        }

        if (IdentityNumberRedaction.Contains(data.DisplayName))
        {
            data.DisplayName = IdentityNumberRedaction.Redact(data.DisplayName);
        }

        if (data.StatusDescription is { } description && IdentityNumberRedaction.Contains(description))
        {
            data.SetStatus(data.Status, IdentityNumberRedaction.Redact(description));
        }
    }
}
