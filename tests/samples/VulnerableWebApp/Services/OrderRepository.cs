using System.Data.Common;

namespace Contoso.Orders.Services;

public sealed record OrderSummary(int Id, string Customer, string Status);

public sealed class OrderRepository(DbConnection connection)
{
    public async Task<IReadOnlyList<OrderSummary>> FindByCustomerAsync(string customer)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, customer, status FROM orders WHERE customer = '{customer}' ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var orders = new List<OrderSummary>();
        while (await reader.ReadAsync())
        {
            orders.Add(new OrderSummary(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return orders;
    }
}
