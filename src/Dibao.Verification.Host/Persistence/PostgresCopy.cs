using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Rows inserted on PostgreSQL through one binary <c>COPY</c>: a large batch's tens of thousands of answers go to the
/// server as one stream instead of hundreds of multi-row statements, each a round trip that the server parses and plans.
/// Values are converted through each property's EF mapping as <c>SaveChanges</c> converts them, and the server reads them
/// through the column's own type, length and scale included. It runs in the connection's current transaction.
/// </summary>
internal static class PostgresCopy
{
    public static async Task InsertAsync(
        DbContext db, StoreObjectIdentifier table, IReadOnlyList<IProperty> properties, IReadOnlyCollection<object> rows, CancellationToken cancellationToken)
    {
        var helper = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)));
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {helper.DelimitIdentifier(table.Name, table.Schema)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            for (var column = 0; column < properties.Count; column++)
            {
                await WriteAsync(writer, PreparedStatement.ProviderValue(mappings[column], properties[column].GetGetter().GetClrValue(row)), cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Each value in the wire type of the column types the model uses. A value of another type is refused here rather
    /// than left to the server to read as something it is not.
    /// </summary>
    internal static Task WriteAsync(NpgsqlBinaryImporter writer, object value, CancellationToken cancellationToken) => value switch
    {
        DBNull => writer.WriteNullAsync(cancellationToken),
        string text => writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
        Guid id => writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken),
        int number => writer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
        long number => writer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
        bool flag => writer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
        decimal amount => writer.WriteAsync(amount, NpgsqlDbType.Numeric, cancellationToken),
        DateTime at => writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken),
        DateOnly day => writer.WriteAsync(day, NpgsqlDbType.Date, cancellationToken),
        _ => throw new NotSupportedException($"{value.GetType().Name} values are not copied in bulk; add the type to {nameof(PostgresCopy)}."),
    };
}
