using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Inserts many rows of one entity type through one reused statement, inside the context's current transaction. For
/// the tens of thousands of rows a large batch writes, the change tracker costs many times what the database does.
/// Table and column names, value conversions and parameter types all come from the EF model, so the rows are stored
/// exactly as <c>SaveChanges</c> would store them, on any relational provider. The rows are not tracked.
/// </summary>
public static class BulkInsert
{
    public static Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class =>
        db.InsertAsync(typeof(T), rows, cancellationToken);

    /// <summary>
    /// <c>SaveChanges</c>, with the added entities of the given types taken out of the change tracker and inserted in
    /// bulk after the rest, in the order given (parents first). Call inside a transaction: it is two writes.
    /// </summary>
    public static async Task SaveChangesInBulkAsync(this DbContext db, IReadOnlyList<Type> bulkTypes, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && bulkTypes.Contains(e.Metadata.ClrType))
            .ToList();
        var rows = added.ToLookup(e => e.Metadata.ClrType, e => e.Entity);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var type in bulkTypes)
        {
            await db.InsertAsync(type, [.. rows[type]], cancellationToken);
        }
    }

    private static async Task InsertAsync(this DbContext db, Type type, IReadOnlyCollection<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
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
            var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, "@p" + i, null, nullable: true)).ToList();
            command.Parameters.AddRange(parameters.ToArray());
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var (property, _, mapping) = columns[i];
                    var value = property.GetGetter().GetClrValue(row);
                    parameters[i].Value = (value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
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
