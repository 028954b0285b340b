using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// A <see cref="PreparedStatement"/>'s statement compiled once on the SQLite connection's own handle and bound by
/// position. Through <see cref="SqliteCommand"/>, every run looks up each parameter by name and wraps the step in a
/// data reader: half the cost of a row when a batch's acceptance inserts tens of thousands of them. The values are
/// bound from the command's own parameters, exactly as Microsoft.Data.Sqlite binds them (its <c>SqliteValueBinder</c>,
/// proven equal by <c>SqliteRawStatementTests</c> for every property of the model), and the statement runs in the
/// connection's current transaction, as the command would.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly (int Index, SqliteParameter Parameter)[] _bindings;

    private SqliteRawStatement(sqlite3 db, sqlite3_stmt statement, (int, SqliteParameter)[] bindings)
    {
        _db = db;
        _statement = statement;
        _bindings = bindings;
    }

    /// <summary>
    /// The command compiled on its connection's handle, or null when it is not one this can run exactly as the command
    /// would: not SQLite, more than one statement, a parameter it does not name or a value type it does not bind.
    /// </summary>
    /// <param name="parameters">The command's parameters, each with the CLR type its values have once converted for the provider.</param>
    public static SqliteRawStatement? TryPrepare(DbCommand command, IReadOnlyList<(DbParameter Parameter, Type ProviderType)> parameters)
    {
        if (command is not SqliteCommand { Connection.Handle: { } db } sqlite
            || parameters.Count != sqlite.Parameters.Count
            || !parameters.All(p => p.Parameter is SqliteParameter named && Binds(p.ProviderType, named.SqliteType)))
        {
            return null;
        }

        var rc = raw.sqlite3_prepare_v2(db, sqlite.CommandText, out var statement, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        var bindings = sqlite.Parameters.Cast<SqliteParameter>()
            .Select(p => (Index: raw.sqlite3_bind_parameter_index(statement, p.ParameterName), Parameter: p))
            .ToArray();
        if (!string.IsNullOrWhiteSpace(tail)
            || bindings.Any(b => b.Index == 0)
            || bindings.Select(b => b.Index).Distinct().Count() != raw.sqlite3_bind_parameter_count(statement))
        {
            statement.Dispose();
            return null;
        }

        return new SqliteRawStatement(db, statement, bindings);
    }

    /// <returns>The rows changed.</returns>
    public int Execute()
    {
        try
        {
            foreach (var (index, parameter) in _bindings)
            {
                Bind(index, parameter.Value, parameter.Size, parameter.SqliteType);
            }

            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Whether values of this provider type are bound here; the others (times as Julian days, say) stay with the command.</summary>
    private static bool Binds(Type type, SqliteType sqliteType)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        type = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeSpan))
        {
            return sqliteType != SqliteType.Real;
        }

        return type == typeof(string) || type == typeof(Guid) || type == typeof(bool) || type == typeof(byte[]) || type == typeof(decimal)
            || type == typeof(double) || type == typeof(float) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(short)
            || type == typeof(ushort) || type == typeof(int) || type == typeof(uint) || type == typeof(long);
    }

    /// <summary>
    /// As <c>SqliteValueBinder</c> binds: text and blobs cut to an explicit <paramref name="size"/>, GUIDs as upper-case
    /// text unless typed as blobs, times and decimals as invariant text. Text is encoded on the stack where it fits:
    /// a row's keys are half a dozen GUIDs, and strings for each were most of what a batch's acceptance allocated.
    /// </summary>
    private void Bind(int index, object? value, int size, SqliteType sqliteType)
    {
        Span<char> chars = stackalloc char[64];
        switch (value)
        {
            case null or DBNull:
                raw.sqlite3_bind_null(_statement, index);
                break;
            case string text:
                BindText(index, size != -1 && text.Length > size ? text.AsSpan(0, size) : text);
                break;
            case Guid guid when sqliteType == SqliteType.Blob:
                raw.sqlite3_bind_blob(_statement, index, guid.ToByteArray());
                break;
            case Guid guid:
                guid.TryFormat(chars, out var written);
                BindText(index, Upper(chars[..written]));
                break;
            case bool flag:
                raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0);
                break;
            case DateTime time:
                BindText(index, time.TryFormat(chars, out written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture) ? chars[..written] : throw Unformatted(value));
                break;
            case DateTimeOffset time:
                BindText(index, time.TryFormat(chars, out written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) ? chars[..written] : throw Unformatted(value));
                break;
            case DateOnly date:
                BindText(index, date.TryFormat(chars, out written, @"yyyy\-MM\-dd", CultureInfo.InvariantCulture) ? chars[..written] : throw Unformatted(value));
                break;
            case TimeSpan span:
                BindText(index, span.TryFormat(chars, out written, "c", CultureInfo.InvariantCulture) ? chars[..written] : throw Unformatted(value));
                break;
            case decimal number:
                BindText(index, number.TryFormat(chars, out written, "0.0###########################", CultureInfo.InvariantCulture) ? chars[..written] : throw Unformatted(value));
                break;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(real))
                {
                    throw new InvalidOperationException("SQLite cannot store NaN.");
                }

                raw.sqlite3_bind_double(_statement, index, real);
                break;
            case byte[] blob:
                raw.sqlite3_bind_blob(_statement, index, size != -1 && blob.Length > size ? blob.AsSpan(0, size) : blob);
                break;
            default:
                raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Bound as a copy (SQLite's transient binding), so the buffer is free again when this returns.</summary>
    private void BindText(int index, ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = most <= 1024 ? stackalloc byte[most] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            raw.sqlite3_bind_text(_statement, index, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static Span<char> Upper(Span<char> hex)
    {
        foreach (ref var c in hex)
        {
            c = char.ToUpperInvariant(c);
        }

        return hex;
    }

    private static InvalidOperationException Unformatted(object value) => new($"A {value.GetType().Name} did not fit the binding buffer.");
}
