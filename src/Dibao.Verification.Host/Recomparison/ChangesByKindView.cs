namespace Dibao.Verification.Host.Recomparison;

public sealed record ChangesByKindView(int Exit, int Reduce, int Increase, int Review);
