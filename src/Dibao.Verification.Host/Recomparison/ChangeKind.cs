namespace Dibao.Verification.Host.Recomparison;

/// <summary>What a recipient's new findings mean against the evidence it was last confirmed on.</summary>
public enum ChangeKind
{
    /// <summary>Nothing that needs anyone: counted, nothing written.</summary>
    Unchanged = 1,

    /// <summary>The outcome would now be fail: proposal 清退.</summary>
    Exit = 2,

    /// <summary>Income per head rose beyond the threshold: proposal 核减.</summary>
    Reduce = 3,

    /// <summary>Income per head fell beyond the threshold: proposal 提高.</summary>
    Increase = 4,

    /// <summary>A record appeared that needs a human look.</summary>
    Review = 5,

    /// <summary>An agency did not answer or refused: nothing can be said this run.</summary>
    Unavailable = 6,
}
