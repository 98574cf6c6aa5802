using Contoso.Orders.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<PasswordHasher>();
builder.Services.AddSingleton<StorageSettings>();
builder.Services.AddScoped<OrderRepository>();
builder.Services.AddHttpClient<PartnerApiClient>()
    .ConfigurePrimaryHttpMessageHandler(PartnerApiClient.CreateHandler);

var app = builder.Build();

app.MapGet("/orders/{id:int}", (int id) => Results.Ok(new { id, status = "shipped" }));
app.MapPost("/users/{name}/password", (string name, PasswordHasher hasher, string password) =>
    Results.Ok(new { name, hash = hasher.Hash(password) }));
app.MapGet("/partner/stock/{sku}", async (string sku, PartnerApiClient partner) => Results.Ok(await partner.GetStockAsync(sku)));
app.MapGet("/customers/{customer}/orders", async (string customer, OrderRepository orders) => Results.Ok(await orders.FindByCustomerAsync(customer)));
app.MapPost("/preferences/theme/{theme}", (string theme, HttpResponse response) =>
{
    response.Cookies.Append("theme", theme, new CookieOptions { HttpOnly = true, MaxAge = TimeSpan.FromDays(365) });
    return Results.NoContent();
});

app.Run();
