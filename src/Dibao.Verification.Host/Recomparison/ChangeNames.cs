namespace Dibao.Verification.Host.Recomparison;

public static class ChangeNames
{
    public static string Of(ChangeKind change) => change.ToString().ToLowerInvariant();

    /// <summary>The changes that raise a case; the others produce a count.</summary>
    public static IReadOnlyList<string> Proposals { get; } = [Of(ChangeKind.Exit), Of(ChangeKind.Reduce), Of(ChangeKind.Increase), Of(ChangeKind.Review)];

    public static bool RaisesCase(ChangeKind change) => change is ChangeKind.Exit or ChangeKind.Reduce or ChangeKind.Increase or ChangeKind.Review;
}
