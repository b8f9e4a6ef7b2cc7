using System.Data.Common;
using System.Globalization;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// Runs the commands of one transaction of a <see cref="SqlTrialStore"/> on one connection. Parameters are named
/// <c>@name</c> in the SQL text; a null value is sent as SQL NULL.
/// </summary>
internal sealed class SqlSession(DbConnection connection, DbTransaction transaction)
{
    /// <summary>Runs <paramref name="sql"/>; returns the number of rows it changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns, as a whole number.</summary>
    public long Int64(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return ToInt64(command.ExecuteScalar()
            ?? throw new InvalidOperationException($"The query returned no row, where one was expected: {sql}"));
    }

    /// <summary>The rows <paramref name="sql"/> returns, each read by <paramref name="read"/>.</summary>
    public List<T> Query<T>(string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>A whole number read from a column of either database (SQLite reads every integer as 64 bits, PostgreSQL
    /// as the column's width).</summary>
    public static long ToInt64(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
