/**
 * The migrations are written once for both stores; this plugin makes them mean the same on PostgreSQL.
 * SQLite's `integer` is 64-bit and `integer primary key autoincrement` makes ids; PostgreSQL's `integer` is 32-bit
 * (epoch milliseconds overflow it) and has no autoincrement: integers become `bigint`, auto-increment ids `bigserial`.
 */
import {
  DataTypeNode,
  OperationNodeTransformer,
  type ColumnDefinitionNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

class WidenIntegers extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!column.autoIncrement) return column;
    // dataType is not among the props cloneWith takes; the node is a plain frozen object.
    return Object.freeze({ ...column, autoIncrement: false, dataType: DataTypeNode.create('bigserial') });
  }

  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === 'integer' ? DataTypeNode.create('bigint') : node;
  }
}

export class PostgresIntegersPlugin implements KyselyPlugin {
  readonly #transformer = new WidenIntegers();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node.kind === 'CreateTableNode' || args.node.kind === 'AlterTableNode'
      ? this.#transformer.transformNode(args.node, args.queryId)
      : args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
