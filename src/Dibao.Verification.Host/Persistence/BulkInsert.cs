using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Inserts many rows of one entity type through one reused statement, inside the context's current transaction. For
/// the tens of thousands of awaited answers a large batch stores, the change tracker costs many times what the
/// database does. Table and column names, value conversions and parameter types all come from the EF model, so the
/// rows are stored exactly as <c>SaveChanges</c> would store them, on any relational provider. The rows are not tracked.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table), Mapping: p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText =
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    var (property, _, mapping) = columns[i];
                    command.Parameters.Add(mapping.CreateParameter(command, "@p" + i, property.GetGetter().GetClrValue(row), property.IsNullable));
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
