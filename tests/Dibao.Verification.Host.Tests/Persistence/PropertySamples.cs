using System.Globalization;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>Sample values for comparing two ways of storing a property: the fast path and the one EF takes.</summary>
internal static class PropertySamples
{
    /// <summary>Values of a property's type that differ in every way a binding could: nulls, extremes, fractions, long and non-ASCII text.</summary>
    public static IEnumerable<object?> Of(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null || !type.IsValueType)
        {
            yield return null;
        }

        type = underlying ?? type;
        IEnumerable<object> values = type switch
        {
            _ when type == typeof(string) => ["", "tax", "张三 Zhang", new string('x', 1200)],
            _ when type == typeof(Guid) => [Guid.Empty, Guid.Parse("0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")],
            _ when type == typeof(DateTime) => [new DateTime(2026, 12, 3, 4, 5, 6, DateTimeKind.Utc), new DateTime(2026, 12, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1234567), DateTime.MinValue, DateTime.MaxValue],
            _ when type == typeof(DateTimeOffset) => [new DateTimeOffset(2026, 12, 3, 12, 5, 6, TimeSpan.FromHours(8)).AddTicks(70)],
            _ when type == typeof(DateOnly) => [new DateOnly(1980, 3, 15), DateOnly.MaxValue],
            _ when type == typeof(TimeSpan) => [TimeSpan.FromMilliseconds(1500), TimeSpan.FromDays(-3)],
            _ when type == typeof(decimal) => [0m, 1234.5600m, -0.01m, 79228162514264337593543950335m],
            _ when type == typeof(double) => [0d, 1.5d, -1e300],
            _ when type == typeof(float) => [2.25f],
            _ when type == typeof(bool) => [true, false],
            _ when type == typeof(byte[]) => [Array.Empty<byte>(), new byte[] { 0, 1, 255 }],
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>(),
            _ when type == typeof(int) => [0, -1, int.MaxValue],
            _ when type == typeof(long) => [0L, long.MinValue, long.MaxValue],
            _ when type == typeof(short) => [(short)-7],
            _ when type == typeof(byte) => [(byte)200],
            _ => [],
        };

        var any = false;
        foreach (var value in values)
        {
            any = true;
            yield return value;
        }

        if (!any && type != typeof(string))
        {
            throw new InvalidOperationException($"No samples for {type.Name.ToString(CultureInfo.InvariantCulture)}: add them, so that its binding is compared too.");
        }
    }
}
