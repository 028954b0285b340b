using System.Text.Json;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Messaging;

namespace Dibao.Verification.Host.Batches;

/// <summary>
/// A client's key for one submission, as the <c>Idempotency-Key</c> header carries it (IETF httpapi draft): a string of
/// visible ASCII, quoted as a structured-field string or bare, as clients send it either way.
/// </summary>
public static class SubmissionKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 64;

    /// <returns>The key without its quotes, or null when it is not one: empty, too long, or not visible ASCII.</returns>
    public static string? Parse(string? value)
    {
        var key = value?.Trim() ?? "";
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
        {
            key = key[1..^1];
        }

        return key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~' and not '"' and not '\\') ? key : null;
    }

    /// <summary>
    /// What a batch submitted under a key was, to tell a repeat from another batch reusing it: the households as read,
    /// so the same file sent again, as CSV, JSON or from the console, is the same submission. Keyed, as it is made of
    /// identity numbers and names.
    /// </summary>
    public static string HashOf(BatchRequest request, PersonHasher hasher) =>
        hasher.HashContent(JsonSerializer.SerializeToUtf8Bytes(request, HubJson.Options));
}
