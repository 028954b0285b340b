using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// One SQL statement about one entity's table, run many times with different values inside the context's current
/// transaction. Columns are named by property (<c>{State}</c>, <c>{Table}</c>) and parameters (<c>@state</c>) are bound
/// through the property's EF type mapping, so values are converted exactly as <c>SaveChanges</c> converts them, on any
/// relational provider. For the hot paths where loading and tracking every row costs more than the write. On SQLite, a
/// statement in a transaction runs on the connection's handle, bound by position (<see cref="SqliteRawStatement"/>).
/// </summary>
public sealed class PreparedStatement : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly Dictionary<string, (DbParameter Parameter, RelationalTypeMapping Mapping)> _parameters = new(StringComparer.Ordinal);
    private readonly bool _autocommit;
    private SqliteRawStatement? _sqlite;
    private bool _prepared;

    /// <param name="entity">The entity whose table and properties the statement names.</param>
    /// <param name="sql">The statement with <c>{Table}</c> and <c>{Property}</c> placeholders.</param>
    /// <param name="parameters">Each parameter name (without <c>@</c>) and the property whose mapping binds it.</param>
    public PreparedStatement(DbContext db, Type entity, string sql, params (string Name, string Property)[] parameters)
        : this(db, entity, sql, autocommit: false, parameters)
    {
    }

    private PreparedStatement(DbContext db, Type entity, string sql, bool autocommit, (string Name, string Property)[] parameters)
    {
        var entityType = EntityType(db, entity);
        _command = db.Database.GetDbConnection().CreateCommand();
        if (autocommit)
        {
            if (db.Database.CurrentTransaction is not null || db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
            {
                throw new InvalidOperationException("A statement that commits each run needs the context's connection open and no transaction.");
            }
        }
        else
        {
            _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("A prepared statement runs inside the unit of work's transaction.");
        }

        _command.CommandText = Render(db, entity, sql);
        foreach (var (name, propertyName) in parameters)
        {
            var (parameter, mapping) = CreateParameter(_command, entityType, name, propertyName);
            _command.Parameters.Add(parameter);
            _parameters[name] = (parameter, mapping);
        }

        _autocommit = autocommit;
    }

    /// <summary>The statement with its <c>{Table}</c> and <c>{Property}</c> placeholders replaced by the provider's delimited names.</summary>
    public static string Render(DbContext db, Type entity, string sql)
    {
        var entityType = EntityType(db, entity);
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var helper = db.GetService<ISqlGenerationHelper>();
        var text = sql.Replace("{Table}", helper.DelimitIdentifier(table.Name, table.Schema), StringComparison.Ordinal);
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetColumnName(table) is { } column)
            {
                text = text.Replace("{" + property.Name + "}", helper.DelimitIdentifier(column), StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>A parameter <c>@name</c> bound through the mapping of <paramref name="propertyName"/>, holding <paramref name="value"/>.</summary>
    public static DbParameter Parameter(DbContext db, Type entity, string name, string propertyName, object? value)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var (parameter, mapping) = CreateParameter(command, EntityType(db, entity), name, propertyName);
        parameter.Value = ProviderValue(mapping, value);
        return parameter;
    }

    private static IEntityType EntityType(DbContext db, Type entity) =>
        db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");

    private static (DbParameter, RelationalTypeMapping) CreateParameter(DbCommand command, IEntityType entityType, string name, string propertyName)
    {
        var property = entityType.FindProperty(propertyName) ?? throw new InvalidOperationException($"{entityType.ClrType.Name} has no property {propertyName}.");
        var mapping = property.GetRelationalTypeMapping();
        return (mapping.CreateParameter(command, "@" + name, null, nullable: true), mapping);
    }

    /// <summary>The value as the provider receives it, converted through the mapping; <see cref="DBNull"/> for null.</summary>
    internal static object ProviderValue(RelationalTypeMapping mapping, object? value) =>
        (value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;

    public static PreparedStatement For<T>(DbContext db, string sql, params (string Name, string Property)[] parameters)
        where T : class =>
        new(db, typeof(T), sql, parameters);

    /// <summary>
    /// A statement whose every run commits on its own, for marks that must not wait for, or be undone with, the
    /// ones after them. The context's connection must be open (<c>OpenConnectionAsync</c>), with no transaction.
    /// </summary>
    public static PreparedStatement Autocommitted<T>(DbContext db, string sql, params (string Name, string Property)[] parameters)
        where T : class =>
        new(db, typeof(T), sql, autocommit: true, parameters);

    public PreparedStatement Set(string name, object? value)
    {
        var (parameter, mapping) = _parameters[name];
        parameter.Value = ProviderValue(mapping, value);
        return this;
    }

    /// <returns>The rows changed.</returns>
    public Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        // Compiled at its first run, as the command would be: the recorder's statement for late answers mostly never runs.
        // A statement that commits each run is left to the command, which waits out another writer as SQLite reports it.
        if (!_prepared && !_autocommit)
        {
            _sqlite = SqliteRawStatement.TryPrepare(_command, [.. _parameters.Values.Select(p => (p.Parameter, p.Mapping.Converter?.ProviderClrType ?? p.Mapping.ClrType))]);
        }

        _prepared = true;
        if (_sqlite is null)
        {
            return _command.ExecuteNonQueryAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_sqlite.Execute());
    }

    public ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        return _command.DisposeAsync();
    }
}
