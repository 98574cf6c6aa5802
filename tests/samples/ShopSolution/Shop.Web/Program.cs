using Serilog;
using Shop.Core;

Log.Logger = new LoggerConfiguration().CreateLogger();
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/cart/{customer}/{items:int}", (string customer, int items) => new Cart(customer, items).Describe());
app.Run();
